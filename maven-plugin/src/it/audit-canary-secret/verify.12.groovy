// build 12: the hostile registry's token realm (plain HTTP, own port) is not listed as insecure:
// the check is blocked, and neither the registry nor its realm got any credentials this time
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('BUILD FAILURE')
assert build.last.contains('Not sending the credentials for')
assert build.last =~ /\sblocked\s+unsafe-registry-answer/
assert context.canaryEchoBearerSeen != null, 'build 8 ran before'
assert context.canaryEchoes[1].received.size() == context.canaryEchoBearerSeen
return true
