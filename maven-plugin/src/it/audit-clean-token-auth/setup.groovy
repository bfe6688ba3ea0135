def registry = evaluate(new File(itSources, 'registry.groovy'))
def env = registry.start(new File(basedir, 'target/registry'))
registry.seed(env, ['team/web:1.0.0=oci'])
context.userProperties['katafraktos.it.registry'] = env.REGISTRY_HOST
// the token issuer is plain HTTP on its own port: credentials go there only if it is listed
context.userProperties['katafraktos.it.tokenHost'] = "127.0.0.1:${env.TOKEN_PORT}".toString()
// the master password that decrypts the server's password in settings.xml
context.userProperties['settings.security'] = new File(itSources, 'settings-security.xml').path
return true
