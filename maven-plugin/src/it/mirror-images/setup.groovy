def registry = evaluate(new File(itSources, 'registry.groovy'))
// the source: a registry without login, as a public one
def source = registry.start(new File(basedir, 'target/source'), [mode: 'open'])
new File(basedir, 'target/seeded.txt').text =
    registry.seed(source, ['library/nginx:1.27=docker', 'team/multi:1.0=oci-index'])
// the target: token auth as Harbor; it logs every request, so that a build's writes can be counted
def target = registry.start(new File(basedir, 'target/registry'), [logLevel: 'info'])
context.userProperties['katafraktos.it.source'] = source.REGISTRY_HOST
context.userProperties['katafraktos.it.registry'] = target.REGISTRY_HOST
// the token issuer is plain HTTP on its own port: credentials go there only if it is listed
context.userProperties['katafraktos.it.tokenHost'] = "127.0.0.1:${target.TOKEN_PORT}".toString()
context.userProperties['settings.security'] = new File(itSources, 'settings-security.xml').path
return true
