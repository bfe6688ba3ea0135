def log = new File(basedir, 'build.log').text
// one plan: the 1.19 image's key and the 1.25 image's key, each moved to the mapping's target
assert log.contains('+    "19": harbor.example.com/k8s/kube-scheduler:v1.19.16')
assert log.contains('+    "25": harbor.example.com/k8s/kube-scheduler:v1.25.16')
assert log.contains('+  image: harbor.example.com/quay/brancz/kube-rbac-proxy:v0.19.0')
assert log =~ /verified on Kubernetes 1\.19\.0, 1\.25\.0/
// a dry run writes nothing
assert new File(basedir, 'charts/scheduler/values.yaml').text.contains('"19": registry.k8s.io/kube-scheduler:v1.19.16')
return true
