def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
assert last.contains('failing on none')
assert last.contains('[WARNING] charts/web: external-registry: docker.io/library/nginx:1.27')
assert !last.contains('[ERROR]')
assert last.contains('BUILD SUCCESS')
assert new File(basedir, 'target/katafraktos/katafraktos-audit.sarif').isFile()
return true
