def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]

// each release's values file is edited in place; comments and the rest of the line stay
assert new File(basedir, 'repo/charts/web/values-prod.yaml').text ==
    '# production values: the platform team pins the web server here\n' +
    'image: harbor.example.com/dockerhub-proxy/library/nginx:1.27   # keep in step with dev\n'
assert new File(basedir, 'repo/charts/api/values-dev.yaml').text ==
    '# dev runs a stand-in for the api until its image is built\n' +
    'image: harbor.example.com/dockerhub-proxy/library/nginx:1.27\n'
// the release without values files of its own had nothing to move: its chart is untouched
assert new File(basedir, 'repo/charts/api/values.yaml').text == 'image: harbor.example.com/team/api:1.0\n'
assert last.contains('[INFO] web [prod] (argocd apps/web-prod.yaml)')
assert last.contains('[INFO] api [dev] (chart-dir charts/api/Chart.yaml)')
assert last.contains('[INFO] charts/web/values-prod.yaml: changed')
assert last.contains('[INFO] charts/api/values-dev.yaml: changed')
assert !last.contains('/repo/charts/') // paths as the user knows them, not absolute

// and the audit that follows passes
assert last =~ /\[INFO\] 2 images in 3 \w+, 0 checked: 0 errors, 0 warnings/
assert last.contains('BUILD SUCCESS')
return true
