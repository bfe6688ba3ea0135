// build 6, and the end: the audit finds nothing missing now, only the values that still point at
// the source; it no longer suggests mirroring. Stops both registries whatever happened.
def registry = evaluate(new File(itSources, 'registry.groovy'))
try {
  def mirror = evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)
  assert mirror.last.contains('(external-registry 2). Next: run mvn katafraktos:rewrite-values to' +
      ' point the values at your registry.')
  assert !mirror.last.contains('missing-in-registry')
  // (the project itself is called mirror-images: look for the goal)
  assert !mirror.last.contains('katafraktos:mirror-images')
  assert mirror.last.contains('BUILD FAILURE')
} finally {
  registry.stop(new File(basedir, 'target/registry'))
  registry.stop(new File(basedir, 'target/source'))
}
return true
