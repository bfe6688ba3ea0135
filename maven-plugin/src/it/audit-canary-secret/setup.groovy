// Two real registries (token auth as Harbor, and Basic auth) whose users' passwords are the
// canaries, and a hostile registry that quotes back the Authorization header it gets (see
// echo.groovy). Their addresses, and those of the plain-HTTP token realms, go to the builds as
// -Dkatafraktos.it.*.
def scripts = new File(testdata, 'registry')
def escaped = 'kfk"<&\'>\\ %+/=canary-2d8a41'
def users = ['seeder:Seed-Only-pw', 'canary-user:kfk-canary-7f3e9b1c:pull',
             "escaped-user:${escaped}:pull".toString(), 'other-user:Other-pw:pull']

def start = { String mode ->
  def dir = new File(basedir, "target/registry-${mode}")
  dir.mkdirs()
  def command = ['bash', new File(scripts, 'registry.sh').path, 'start', '--mode', mode,
                 '--dir', dir.path]
  users.each { command += ['--user', it] }
  def run = { List<String> c ->
    def p = new ProcessBuilder(c).directory(dir).start()
    def out = new StringBuilder()
    def err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    if (p.exitValue() != 0) {
      throw new IllegalStateException("${c[0..2]} exited ${p.exitValue()}: ${err}")
    }
  }
  run(command)
  run(['python3', new File(scripts, 'seed.py').path, '--env', new File(dir, 'registry.env').path,
       '--image', 'team/web:1.0.0=oci', '--image', 'dh/team/web:1.0.0=oci'])
  new File(dir, 'registry.env').readLines().findAll { it ==~ /[A-Z_]+=.*/ }.collectEntries {
    [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1)]
  }
}

def token = start('token')
context.userProperties['katafraktos.it.registry'] = token.REGISTRY_HOST
// the token issuer is plain HTTP on its own port: credentials go there only if it is listed
context.userProperties['katafraktos.it.tokenHost'] = "127.0.0.1:${token.TOKEN_PORT}".toString()
context.userProperties['katafraktos.it.basic'] = start('htpasswd').REGISTRY_HOST

def echo = evaluate(new File(basedir, 'echo.groovy'))
def basicEcho = echo.start(false)
def bearerEcho = echo.start(true)
context.canaryEchoes = [basicEcho, bearerEcho]
context.userProperties['katafraktos.it.echo'] = basicEcho.host
context.userProperties['katafraktos.it.echoBearer'] = bearerEcho.host
context.userProperties['katafraktos.it.echoBearerRealm'] = bearerEcho.realmHost
def socket = new ServerSocket(0)
context.userProperties['katafraktos.it.closed'] = "127.0.0.1:${socket.localPort}".toString()
socket.close()
context.userProperties['settings.security'] = new File(itSources, 'settings-security.xml').path
return true
