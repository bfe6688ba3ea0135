// build 1: the audit fails on the missing targets, and says to mirror before rewriting
def mirror = evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)
assert mirror.last.contains('(external-registry 2, missing-in-registry 2). Next: copy the missing' +
    ' images with mvn katafraktos:mirror-images, then run mvn katafraktos:rewrite-values to point' +
    ' the values at your registry.')
assert mirror.last.contains('BUILD FAILURE')
return true
