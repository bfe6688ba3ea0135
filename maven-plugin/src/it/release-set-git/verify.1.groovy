def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] Discovered 3 releases in repo (1 argocd, 2 chart-dir)')
assert log.contains('[INFO] --changed-since HEAD: 1 of 3 releases changed (1 file')
// only that release is listed
assert log.contains('[INFO] web [prod]  (release web, namespace prod)')
assert !log.contains('[INFO] api')
assert log.contains('BUILD SUCCESS')
return true
