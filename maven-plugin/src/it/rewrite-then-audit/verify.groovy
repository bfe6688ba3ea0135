def registry = evaluate(new File(itSources, 'registry.groovy'))
def dir = new File(basedir, 'target/registry')
try {
  def host = new File(dir, 'registry.env').readLines()
      .find { it.startsWith('REGISTRY_HOST=') }.substring('REGISTRY_HOST='.length())
  def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]

  // the values file is edited in place; the comments and the rest of the line stay
  assert new File(basedir, 'values-prod.yaml').text ==
      '# production values: the platform team pins the web server here\n' +
      "image: ${host}/dockerhub/library/nginx:1.27   # keep in step with the staging values\n"
  assert last.contains('values-prod.yaml: changed')

  // and the audit that follows finds the image in the registry
  assert last =~ /${java.util.regex.Pattern.quote(host)}\/dockerhub\/library\/nginx:1\.27 +present +-/
  assert last.contains('1 image in 1 chart, 1 checked: 0 errors, 0 warnings')
  assert last.contains('BUILD SUCCESS')
} finally {
  registry.stop(dir)
}
return true
