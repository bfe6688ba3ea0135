// A real registry (Debian's docker-registry) for one IT, driven through testdata/registry/registry.sh
// and seed.py as core's TestRegistry drives them. `evaluate(new File(itSources, 'registry.groovy'))`
// gives a map of closures: available, start, seed, tokensIssued, stop.
//
// Users of the token issuer: `seeder` may push (seed.py uses the first user), `katafraktos-ci` may
// only pull, `mirror-ci` may pull and push (mirror-images); settings.xml holds katafraktos-ci's
// password, encrypted, and mirror-ci's.

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

  // starts a token-auth registry in dir (or, with mode: 'open', one without authentication; with
  // logLevel: 'info', one that logs every request it answers); returns registry.env as a map
  // (REGISTRY_HOST, TOKEN_PORT, ...)
  start: { File dir, Map options = [:] ->
    dir.mkdirs()
    def command = ['bash', new File(scripts, 'registry.sh').path, 'start',
                   '--mode', options.mode ?: 'token', '--dir', dir.path]
    if ((options.mode ?: 'token') == 'token') {
      command += ['--user', 'seeder:Seed-Only-pw',
                  '--user', 'katafraktos-ci:Pull-Only-s3cret:pull',
                  '--user', 'mirror-ci:Mirror-Push-s3cret:pull,push']
    }
    if (options.logLevel) {
      command += ['--log-level', options.logLevel]
    }
    run(command, dir)
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

  // GET of `manifests/REF` or `blobs/DIGEST` of a repository as a registry serves it: [status,
  // digest (Docker-Content-Digest), mediaType, bytes, sha256 (of the bytes)]; a token-auth registry
  // is asked with seeder's pull token
  fetch: { Map env, String repository, String path ->
    def accept = ['application/vnd.oci.image.index.v1+json',
                  'application/vnd.oci.image.manifest.v1+json',
                  'application/vnd.docker.distribution.manifest.list.v2+json',
                  'application/vnd.docker.distribution.manifest.v2+json'].join(', ')
    def connection = new URL("${env.REGISTRY_URL}/v2/${repository}/${path}")
        .openConnection()
    connection.setRequestProperty('Accept', accept)
    if (env.REGISTRY_MODE == 'token') {
      def tokenUrl = new URL("${env.TOKEN_REALM}?service=${env.TOKEN_SERVICE}" +
          "&scope=repository:${repository}:pull")
      def tokenConnection = tokenUrl.openConnection()
      tokenConnection.setRequestProperty('Authorization',
          'Basic ' + 'seeder:Seed-Only-pw'.bytes.encodeBase64().toString())
      def token = new groovy.json.JsonSlurper().parse(tokenConnection.inputStream)
      connection.setRequestProperty('Authorization', "Bearer ${token.token ?: token.access_token}")
    }
    def status = connection.responseCode
    if (status != 200) {
      return [status: status]
    }
    def bytes = connection.inputStream.bytes
    [status   : status,
     digest   : connection.getHeaderField('Docker-Content-Digest'),
     mediaType: connection.getHeaderField('Content-Type'),
     bytes    : bytes,
     sha256   : 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(bytes)
         .encodeHex().toString()]
  },

  // METHOD URI STATUS of every request the registry answered (started with logLevel: 'info')
  requests: { Map env ->
    def line = ~/msg="response completed.*http\.request\.method=(\w+).*http\.request\.uri="([^"]*)".*http\.response\.status=(\d{3})/
    new File(env.REGISTRY_DIR, 'registry.log').readLines().collect { l ->
      def m = line.matcher(l)
      m.find() ? "${m.group(1)} ${m.group(2)} ${m.group(3)}".toString() : null
    }.findAll { it != null }
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
