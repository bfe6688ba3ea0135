def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]

// neither <releases> nor discover: the releases: list of the configFile
assert last.contains('[INFO] 1 release listed in katafraktos.yaml')
assert last.contains('[INFO] Auditing 1 release offline for registry harbor.example.com, failing on error')
assert last.contains('[INFO] web [production]  (katafraktos.yaml')
assert last =~ /\[INFO\] 1 image in 1 \w+, 0 checked: 0 errors, 0 warnings/
assert last.contains('BUILD SUCCESS')
return true
