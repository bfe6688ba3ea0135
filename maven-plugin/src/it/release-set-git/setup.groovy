// A git repository of the sibling project's GitOps files, committed once, then one values file
// changed in the working tree (not committed): the change -Dkatafraktos.changedSince=HEAD sees.
def git = evaluate(new File(basedir, 'git.groovy'))
def repo = new File(basedir, 'repo')
def source = new File(itSources, 'release-set-discover/repo').toPath()
java.nio.file.Files.walk(source).withCloseable { paths ->
  paths.each { java.nio.file.Files.copy(it, repo.toPath().resolve(source.relativize(it).toString())) }
}
git(repo, ['init', '-q'])
git(repo, ['add', '-A'])
git(repo, ['commit', '-q', '-m', 'three releases'])
new File(repo, 'charts/web/values-prod.yaml') << 'replicas: 2\n'
return true
