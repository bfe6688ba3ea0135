def log = new File(basedir, 'build.log').text
def host = new File(basedir, 'target/registry/registry.env').readLines()
    .find { it.startsWith('REGISTRY_HOST=') }.substring('REGISTRY_HOST='.length())

assert log.contains('[INFO] --- values-prod.yaml')
assert log.contains('[INFO] +++ values-prod.yaml')
assert log.contains('[INFO] -image: nginx:1.27   # keep in step with the staging values')
assert log.contains("[INFO] +image: ${host}/dockerhub/library/nginx:1.27   # keep in step with the staging values")
assert log.contains('values-prod.yaml: would change (dry run, nothing written)')
assert new File(basedir, 'values-prod.yaml').text.contains('image: nginx:1.27   #')
return true
