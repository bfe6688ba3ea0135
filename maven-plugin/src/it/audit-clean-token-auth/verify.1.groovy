def log = new File(basedir, 'build.log').text
def host = new File(basedir, 'target/registry/registry.env').readLines()
    .find { it.startsWith('REGISTRY_HOST=') }.substring('REGISTRY_HOST='.length())

assert log.contains("Auditing 1 release for registry ${host} as katafraktos-ci, failing on error")
assert log.contains("${host}/team/web:1.0.0") && log =~ /present\s+-/
assert log.contains('1 image in 1 chart, 1 checked: 0 errors, 0 warnings')
assert log.contains('BUILD SUCCESS')
def json = new File(basedir, 'target/katafraktos/katafraktos-audit.json').text
assert json.contains('"findings" : [ ]') || json.contains('"findings": []')
return true
