// what helm 3.17 renders: `helm template release-name charts/scheduler --kube-version V`
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] charts/scheduler @ kube 1.19.0  (release release-name, namespace default)')
assert log.contains('[INFO] charts/scheduler @ kube 1.25.0  (release release-name, namespace default)')
assert log.contains('[INFO] Images that differ between Kubernetes versions:')
assert log.contains('[INFO]     registry.k8s.io/kube-scheduler:v1.19.16  only on 1.19.0')
assert log.contains('[INFO]     registry.k8s.io/kube-scheduler:v1.25.16  only on 1.25.0')
assert !(log =~ /only on .*\n(?s).*kube-rbac-proxy:v0\.19\.0  only on/)
return true
