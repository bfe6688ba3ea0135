import groovy.xml.XmlSlurper
import java.util.zip.ZipFile

def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
assert last.contains('BUILD SUCCESS')

// every goal and every parameter a user can set, each with a description, from the plugin's own
// descriptor in the jar the build used
def jar = new File(localRepositoryPath,
    "dev/katafraktos/katafraktos-maven-plugin/${pluginVersion}/katafraktos-maven-plugin-${pluginVersion}.jar")
def descriptor = new ZipFile(jar).with { zip ->
  new XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/maven/plugin.xml')))
}
def goals = descriptor.mojos.mojo.collect { it.goal.text() }
def checked = 0
assert goals.sort() == ['audit-images', 'help', 'list-images', 'mirror-images', 'rewrite-values']
descriptor.mojos.mojo.each { mojo ->
  def section = last.substring(last.indexOf("katafraktos:${mojo.goal.text()}\n"))
  section = section.substring(0, section.indexOf('\nkatafraktos:', 1) > 0 ? section.indexOf('\nkatafraktos:', 1) : section.length())
  mojo.parameters.parameter.findAll { it.editable.text() == 'true' }.each { parameter ->
    def name = parameter.name.text()
    def at = section =~ /(?m)^    ${name}( \(Default: [^)]*\))?\n      (\S.*)$/
    assert at.find() : "katafraktos:${mojo.goal.text()} documents ${name}"
    assert !at.group(2).startsWith('(no description') : "${name} has a description"
    checked++
  }
}
// 17 shared parameters in each of four goals (with discover, gitRef, changedSince), their own
// (rewrite-values: commit, branch; mirror-images: dryRun, jobs, platforms, ...), and the four of help
assert checked > 80
return true
