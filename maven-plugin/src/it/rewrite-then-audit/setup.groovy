def registry = evaluate(new File(itSources, 'registry.groovy'))
def env = registry.start(new File(basedir, 'target/registry'))
// what the registry's Docker Hub proxy project would hold after one pull
registry.seed(env, ['dockerhub/library/nginx:1.27=docker'])
context.userProperties['katafraktos.it.registry'] = env.REGISTRY_HOST
context.userProperties['settings.security'] = new File(itSources, 'settings-security.xml').path
return true
