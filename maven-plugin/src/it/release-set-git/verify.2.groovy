def git = evaluate(new File(basedir, 'git.groovy'))
def repo = new File(basedir, 'repo')
def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]

// the commit, and how to push it
def commit = git(repo, ['rev-parse', 'katafraktos/images']).trim()
assert last.contains("[INFO] Created branch katafraktos/images at ${commit.substring(0, 12)}:" +
    ' charts/web/values-prod.yaml, charts/api/values-dev.yaml. HEAD, the index and the working tree' +
    ' are unchanged; push it with: git push origin katafraktos/images')
assert last.contains('[INFO] web [prod] (argocd apps/web-prod.yaml)')
assert last.contains('BUILD SUCCESS')

// one commit on top of HEAD with both values files rewritten
def head = new File(basedir, 'head-before-rewrite.txt').text
assert git(repo, ['rev-parse', 'katafraktos/images^']).trim() == head
assert git(repo, ['log', '-1', '--format=%s', 'katafraktos/images']).startsWith('Pull images from harbor.example.com')
assert git(repo, ['show', 'katafraktos/images:charts/web/values-prod.yaml'])
    .contains('image: harbor.example.com/dockerhub-proxy/library/nginx:1.27   # keep in step with dev')
assert git(repo, ['show', 'katafraktos/images:charts/api/values-dev.yaml'])
    .contains('image: harbor.example.com/dockerhub-proxy/library/nginx:1.27')

// HEAD, the index and the working tree as they were
assert git(repo, ['rev-parse', 'HEAD']).trim() == head
assert git(repo, ['symbolic-ref', '--short', 'HEAD']).trim() == 'main'
assert git(repo, ['status', '--porcelain']).trim() == ''
assert new File(repo, 'charts/web/values-prod.yaml').text.contains('image: nginx:1.27   #')
return true
