def registry = evaluate(new File(itSources, 'registry.groovy'))
def env = registry.start(new File(basedir, 'target/registry'))
// what the registry's Docker Hub proxy project would hold after one pull
registry.seed(env, ['dockerhub/library/nginx:1.27=docker'])
context.userProperties['katafraktos.it.registry'] = env.REGISTRY_HOST
// the token issuer is plain HTTP on its own port: credentials go there only if it is listed
context.userProperties['katafraktos.it.tokenHost'] = "127.0.0.1:${env.TOKEN_PORT}".toString()
context.userProperties['settings.security'] = new File(itSources, 'settings-security.xml').path
return true
