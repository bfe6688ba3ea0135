// build 10: rewrite-values pins the digest it got from the token-auth registry with the canary
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('BUILD SUCCESS')
assert build.last =~ /dh\/team\/web:1\.0\.0@sha256:|sha256:[0-9a-f]{64}/
return true
