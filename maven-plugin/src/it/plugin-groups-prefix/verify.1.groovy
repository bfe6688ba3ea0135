import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains("--- katafraktos-maven-plugin:${pluginVersion}:list-images (default-cli) @ plugin-groups-prefix ---")
assert log.contains('[INFO] charts/web  (release release-name, namespace default)')
assert log =~ /\[INFO\]   nginx:1\.27 +1  Deployment\/release-name-web \(container web\)/
assert log.contains('[INFO] charts/api  (release release-name, namespace default)')
assert log.contains('docker.io/team/api:1.0.0')
assert log.contains('[INFO] Images in target/katafraktos/katafraktos-images.json')
def json = new JsonSlurper().parse(new File(basedir, 'target/katafraktos/katafraktos-images.json'))
assert json.charts*.chart == ['charts/web', 'charts/api']
return true
