def git = evaluate(new File(basedir, 'git.groovy'))
def repo = new File(basedir, 'repo')
def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]

def commit = git(repo, ['rev-parse', 'katafraktos/images']).trim()
assert last.contains("[INFO] Discovered 3 releases in repo at katafraktos/images (${commit.substring(0, 12)})")
assert last =~ /\[INFO\]   harbor\.example\.com\/dockerhub-proxy\/library\/nginx:1\.27 +1 /
assert !(last =~ /\[INFO\]   nginx:1\.27 /)
assert last.contains('BUILD SUCCESS')
// read from git objects: the working tree still has the old values
assert new File(repo, 'charts/web/values-prod.yaml').text.contains('image: nginx:1.27   #')
return true
