def registry = evaluate(new File(itSources, 'registry.groovy'))
def dir = new File(basedir, 'target/registry')
try {
  def log = new File(basedir, 'build.log').text
  def last = log.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
  def env = new File(dir, 'registry.env').readLines().findAll { it.contains('=') }
      .collectEntries { [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1)] }

  // the credentials went through the token issuer, and never into the log
  assert registry.tokensIssued(env) > 0
  assert !log.contains('Pull-Only-s3cret')
  assert !log.contains('Not-The-Password')

  // build 2: the wrong password
  assert last.contains('[ERROR] charts/web: unauthorized:')
  assert last.contains('Next: check the credentials: serverId and its <server> in settings.xml')
  assert last.contains('BUILD FAILURE')
} finally {
  registry.stop(dir)
}
return true
