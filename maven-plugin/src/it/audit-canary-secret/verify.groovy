// after the last build (or a failed one): stop the registries and the hostile ones
try {
  (context.canaryEchoes ?: []).each { it.stop() }
} finally {
  ['token', 'htpasswd'].each { mode ->
    def dir = new File(basedir, "target/registry-${mode}")
    if (new File(dir, 'registry.env').exists()) {
      def p = new ProcessBuilder('bash', new File(testdata, 'registry/registry.sh').path, 'stop',
          '--dir', dir.path).directory(dir).start()
      p.waitForProcessOutput(new StringBuilder(), new StringBuilder())
    }
  }
}
return true
