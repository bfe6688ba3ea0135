def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
assert last.contains('[INFO] Skipping katafraktos:audit-images (katafraktos.skip=true)')
assert last.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/katafraktos').exists()
return true
