import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// what discovery found
assert log.contains('[INFO] Discovered 3 releases in repo (1 argocd, 2 chart-dir)')

// every finding names the release and the file that declares it
assert log.contains('[ERROR] web [prod] (argocd apps/web-prod.yaml): external-registry:' +
    ' docker.io/library/nginx:1.27 is pulled from Docker Hub')
assert log.contains('[ERROR] api [dev] (chart-dir charts/api/Chart.yaml): external-registry:' +
    ' docker.io/library/nginx:1.27 is pulled from Docker Hub')
assert log.contains('[INFO] api  (chart-dir charts/api/Chart.yaml)')
assert !log.contains('[ERROR] api (chart-dir')
// one fix covers both releases
assert log.contains('[INFO]   ERROR docker.io/library/nginx:1.27  external-registry: used by 2' +
    ' releases in 2 environments (dev, prod)')
assert log =~ /\[INFO\] 2 images in 3 \w+, 0 checked: 2 errors, 0 warnings/
assert log.contains('2 image findings at or above error (external-registry 2)')
assert log.contains('BUILD FAILURE')

def reports = new File(basedir, 'target/katafraktos')
assert new File(reports, 'katafraktos-audit.txt').text
    .contains('external-registry: used by 2 releases in 2 environments (dev, prod)')
def json = new JsonSlurper().parse(new File(reports, 'katafraktos-audit.json'))
def web = json.charts.find { it.chart == 'web [prod]' }
assert web.release.declaredIn == 'apps/web-prod.yaml'
assert web.release.environment == 'prod'
assert json.charts.find { it.chart == 'api [dev]' }.release.declaredIn == 'charts/api/Chart.yaml'
return true
