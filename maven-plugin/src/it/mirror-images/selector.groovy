evaluate(new File(itSources, 'registry.groovy')).available()
