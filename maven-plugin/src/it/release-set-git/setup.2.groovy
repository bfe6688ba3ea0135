// rewrite-values -Dkatafraktos.commit builds the commit from committed files: commit the change
def git = evaluate(new File(basedir, 'git.groovy'))
def repo = new File(basedir, 'repo')
git(repo, ['commit', '-q', '-a', '-m', 'two web replicas in prod'])
new File(basedir, 'head-before-rewrite.txt').text = git(repo, ['rev-parse', 'HEAD']).trim()
return true
