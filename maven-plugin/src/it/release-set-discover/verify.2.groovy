import groovy.json.JsonSlurper

def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]

// the release that renders is audited; the one that does not is an error with helm's reason
assert last.contains('[INFO] Discovered 2 releases in broken (1 argocd, 1 chart-dir)')
assert last.contains('[INFO] ok  (chart-dir charts/ok/Chart.yaml)')
def failed = last.readLines().find { it.startsWith('[ERROR] broken (argocd apps/broken.yaml): render-failed: ') }
assert failed != null
assert failed =~ /broken\/templates\/pod\.yaml.*image is required/
assert !failed.contains(basedir.path) // paths as the user knows them

// and fails the build although failOn is none, saying what to do
assert last.contains('failing on none')
assert last.contains(': 1 release could not be rendered: broken (argocd apps/broken.yaml). Fix its' +
    ' chart or values (helm\'s reason is logged above), or remove its declaration; its images were' +
    ' not audited, so this fails the build whatever failOn says. Details:' +
    ' target/katafraktos/katafraktos-audit.md. -> [Help 1]')
assert last.contains('BUILD FAILURE')

// after the reports were written
def json = new JsonSlurper().parse(new File(basedir, 'target/katafraktos/katafraktos-audit.json'))
assert json.renderFailures*.chart == ['broken']
assert json.renderFailures[0].release.declaredIn == 'apps/broken.yaml'
assert json.charts*.chart == ['ok']
return true
