// Checks one build: neither its part of build.log (run with -X) nor a report it wrote holds a
// canary, raw, in base64 (alone and as user:password), URL-encoded, the first half of any of
// these, or the escaped one's marker (which survives any escaping of its other characters). The reports are removed afterwards, so
// that the next build's are its own. `evaluate(...)` gives a closure taking basedir.
import java.nio.charset.StandardCharsets

def b64 = { String s -> s.getBytes(StandardCharsets.UTF_8).encodeBase64().toString() }
def canary = 'kfk-canary-7f3e9b1c'
def escaped = 'kfk"<&\'>\\ %+/=canary-2d8a41'
def forms = [canary, '7f3e9b1c', b64(canary), b64('canary-user:' + canary),
             b64('other-user:' + canary), URLEncoder.encode(canary, 'UTF-8'),
             escaped, 'canary-2d8a41', b64(escaped), b64('escaped-user:' + escaped),
             URLEncoder.encode(escaped, 'UTF-8'), URLEncoder.encode('escaped-user:' + escaped, 'UTF-8')]
// a secret cut short by a length limit still gives its first half away
forms += forms.collect { it.substring(0, Math.max(8, (int) (it.length() / 2))) }

return { File basedir ->
  def log = new File(basedir, 'build.log').text
  def last = log.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
  assert log.contains('[DEBUG]'), 'the builds run with -X'
  def outputs = ['build.log': log]
  def reports = new File(basedir, 'target/katafraktos')
  if (reports.isDirectory()) {
    reports.eachFile { outputs[it.name] = it.text }
  }
  outputs.each { name, text ->
    forms.eachWithIndex { form, i ->
      if (text.contains(form)) {
        // not an assert: its message would show the text, canary and all
        throw new AssertionError("form ${i} of a canary is in ${name}".toString())
      }
    }
  }
  reports.deleteDir()
  [last: last, reports: outputs.keySet() - ['build.log']]
}
