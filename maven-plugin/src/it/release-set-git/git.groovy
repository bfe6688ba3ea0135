// Runs the real git binary in a directory; the output, or an assertion error with it.
return { File dir, List<String> args ->
  def command = ['git', '-c', 'user.name=Katafraktos IT', '-c', 'user.email=it@katafraktos.dev',
      '-c', 'init.defaultBranch=main', '-c', 'commit.gpgSign=false'] + args
  def process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
  def output = process.inputStream.text
  assert process.waitFor() == 0 : "${command.join(' ')}: ${output}"
  output
}
