// The group metadata that maps the prefix `katafraktos` to the plugin, as Maven Central (and any
// repository a Maven 3.9+ build deployed to) serves it. Maven 3.8's install does not write it for a
// plugin built locally, so the invoker's repository gets the same file by hand.
def group = new File(localRepositoryPath, 'dev/katafraktos')
group.mkdirs()
new File(group, 'maven-metadata-local.xml').text = '''<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>Katafraktos :: Maven Plugin</name>
      <prefix>katafraktos</prefix>
      <artifactId>katafraktos-maven-plugin</artifactId>
    </plugin>
  </plugins>
</metadata>
'''
return true
