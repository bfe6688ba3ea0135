def log = new File(basedir, 'build.log').text
def audit = log.substring(log.lastIndexOf('katafraktos-maven-plugin:'))
assert audit.contains(':audit-images (default-cli) @ kube-versions ---')
// one release, each of its three images once
assert audit.contains('3 images in 1 chart')
assert audit.readLines().findAll { it =~ /^\[INFO\]   quay\.io\/brancz\/kube-rbac-proxy:v0\.19\.0 / }.size() == 1
// policy/v1beta1 PodSecurityPolicy was removed in 1.25 (the deprecated-API migration guide)
assert audit =~ /\[(ERROR|WARNING)\] charts\/scheduler: removed-api: policy\/v1beta1 PodSecurityPolicy release-name-scheduler is rendered for Kubernetes 1\.25\.0, which no longer serves it: policy\/v1beta1 PodSecurityPolicy was removed in 1\.25/
assert audit.contains('[INFO]     registry.k8s.io/kube-scheduler:v1.25.16  only on 1.25.0')
return true
