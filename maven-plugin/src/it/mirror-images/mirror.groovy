// What the verify scripts share: `evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)`
// gives the registry closures, both registries' registry.env, the seeded images and the log of the
// last build.
{ File basedir, itSources ->
  def registry = evaluate(new File(itSources, 'registry.groovy'))
  def env = { String name ->
    new File(basedir, "target/${name}/registry.env").readLines().findAll { it ==~ /[A-Z_]+=.*/ }
        .collectEntries { [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1)] }
  }
  def source = env('source')
  def target = env('registry')
  // seed.py's "REPO:TAG DIGEST MEDIATYPE" lines
  def seeded = new File(basedir, 'target/seeded.txt').readLines().findAll { it.trim() }.collect {
    def (image, digest) = it.split(/\s+/)
    [repository: image.substring(0, image.lastIndexOf(':')),
     tag       : image.substring(image.lastIndexOf(':') + 1), digest: digest]
  }
  def log = new File(basedir, 'build.log').text
  [registry: registry, source: source, target: target, seeded: seeded, log: log,
   last    : log.split(/\[INFO\] Scanning for projects\.\.\./)[-1],
   // the registry's writes: uploads and manifest PUTs
   writes  : { -> registry.requests(target).findAll { it ==~ /(PUT|POST|PATCH) .*/ } },
   // each seeded image at the target under the mapping's project, as GET answers
   mirrored: { -> seeded.collect { registry.fetch(target, "mirror/${it.repository}", "manifests/${it.tag}") } }]
}
