import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text

// one line per finding, at error level; the table and the summary
assert log.contains('[ERROR] charts/web: external-registry: docker.io/library/nginx:1.27 is pulled' +
    ' from Docker Hub, which rate-limits anonymous pulls (100 per 6 h)')
assert log =~ /\[INFO\]   nginx:1\.27 +docker\.io\/library\/nginx:1\.27 +not checked +external-registry/
assert log.contains('[INFO] 1 image in 1 chart, 0 checked: 1 error, 0 warnings')

// the failure says what to do next
assert log.contains('1 image finding at or above error (external-registry 1). Next: add a <mapping>' +
    ' for docker.io to your registry (e.g. <mapping>docker.io=harbor.example.com/dockerhub-proxy' +
    '</mapping>), then run mvn katafraktos:rewrite-values to point the values at your registry.' +
    ' Details: target/katafraktos/katafraktos-audit.md.')
assert log.contains('BUILD FAILURE')

// every report
def reports = new File(basedir, 'target/katafraktos')
assert reports.list().sort() == ['TEST-katafraktos-audit.xml', 'katafraktos-audit.json',
    'katafraktos-audit.md', 'katafraktos-audit.sarif', 'katafraktos-audit.txt']
def json = new JsonSlurper().parse(new File(reports, 'katafraktos-audit.json'))
assert json.findings*.ruleId == ['external-registry']
def sarif = new JsonSlurper().parse(new File(reports, 'katafraktos-audit.sarif'))
assert sarif.runs[0].results*.ruleId == ['external-registry']
def junit = new XmlSlurper().parse(new File(reports, 'TEST-katafraktos-audit.xml'))
assert junit.@failures.text() == '1'
assert new File(reports, 'katafraktos-audit.md').text.contains('external-registry')

// the next build must show it writes nothing when skipped
reports.deleteDir()
return true
