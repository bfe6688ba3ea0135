// A real registry (Debian's docker-registry) for one IT, driven through testdata/registry/registry.sh
// and seed.py as core's TestRegistry drives them. `evaluate(new File(itSources, 'registry.groovy'))`
// gives a map of closures: available, start, seed, tokensIssued, stop.
//
// Users of the token issuer: `seeder` may push (seed.py uses the first user), `katafraktos-ci` may
// only pull; settings.xml holds katafraktos-ci's password, encrypted.

def scripts = new File(testdata, 'registry')

def onPath = { String program ->
  System.getenv('PATH').split(File.pathSeparator).any { new File(it, program).canExecute() }
}

def run = { List<String> command, File dir ->
  def process = new ProcessBuilder(command.collect { it.toString() }).directory(dir).start()
  def out = new StringBuilder()
  def err = new StringBuilder()
  // waits for the process and for both streams to be read to the end (consumeProcessOutput with
  // waitFor could return before the last lines arrived); the scripts' daemons write to log files
  process.waitForProcessOutput(out, err)
  if (process.exitValue() != 0) {
    throw new IllegalStateException("${command.join(' ')} exited ${process.exitValue()}: ${out}${err}")
  }
  out.toString()
}

[
  // whether the registry can run here: locally a missing part skips the IT with the install hint,
  // with CI=true it fails it (CI never skips silently)
  available: { ->
    def missing = []
    def bin = System.getenv('REGISTRY_BIN') ?: '/usr/bin/docker-registry'
    if (!new File(bin).canExecute()) {
      missing << "registry binary ${bin}"
    }
    ['python3', 'openssl', 'curl'].each { if (!onPath(it)) missing << it }
    if (missing.isEmpty()) {
      return true
    }
    def message = "${missing.join(', ')} not found; install them with" +
        " `apt-get install docker-registry apache2-utils openssl curl python3` (.ci/run does)"
    if (System.getenv('CI') == 'true') {
      throw new IllegalStateException(message)
    }
    println "SKIPPED: ${message}"
    return false
  },

  // starts a token-auth registry in dir; returns registry.env as a map (REGISTRY_HOST, TOKEN_PORT, ...)
  start: { File dir ->
    dir.mkdirs()
    run(['bash', new File(scripts, 'registry.sh').path, 'start', '--mode', 'token',
         '--dir', dir.path,
         '--user', 'seeder:Seed-Only-pw',
         '--user', 'katafraktos-ci:Pull-Only-s3cret:pull'], dir)
    new File(dir, 'registry.env').readLines().findAll { it ==~ /[A-Z_]+=.*/ }.collectEntries {
      [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1)]
    }
  },

  // pushes REPO:TAG=KIND images (see seed.py)
  seed: { Map env, List<String> images ->
    def command = ['python3', new File(scripts, 'seed.py').path,
                   '--env', new File(env.REGISTRY_DIR, 'registry.env').path]
    images.each { command += ['--image', it] }
    run(command, new File(env.REGISTRY_DIR))
  },

  tokensIssued: { Map env ->
    def health = new URL("http://127.0.0.1:${env.TOKEN_PORT}/healthz").text
    (health =~ /"issued":\s*(\d+)/)[0][1] as int
  },

  // stops what start started in dir (by the PIDs it saved), if anything
  stop: { File dir ->
    if (new File(dir, 'registry.env').exists()) {
      run(['bash', new File(scripts, 'registry.sh').path, 'stop', '--dir', dir.path], dir)
    }
  },
]
