// build 4: both copied; the target serves each manifest byte for byte as the source does
def mirror = evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)
assert mirror.last.contains('as mirror-ci at ' + mirror.target.REGISTRY_HOST)
assert mirror.last =~ /\[INFO\] \[[12]\/2\] copied /
assert mirror.last =~ /\[INFO\] 2 copied; [0-9.]+ k?B sent, \d+ blobs mounted/
mirror.seeded.each { image ->
  def source = mirror.registry.fetch(mirror.source, image.repository, "manifests/${image.tag}")
  def target = mirror.registry.fetch(mirror.target, "mirror/${image.repository}", "manifests/${image.tag}")
  assert source.status == 200
  assert target.status == 200
  assert target.digest == image.digest
  assert target.sha256 == image.digest
  assert target.bytes == source.bytes
  assert target.mediaType == source.mediaType
  // an index's children and every blob of each manifest are there too
  def manifests = [target]
  def json = new groovy.json.JsonSlurper().parse(target.bytes)
  json.manifests.each { child ->
    def copy = mirror.registry.fetch(mirror.target, "mirror/${image.repository}", "manifests/${child.digest}")
    assert copy.status == 200
    assert copy.sha256 == child.digest
    manifests << copy
  }
  manifests.each { m ->
    def parsed = new groovy.json.JsonSlurper().parse(m.bytes)
    ([parsed.config] + (parsed.layers ?: [])).findAll { it != null }.each { blob ->
      def copy = mirror.registry.fetch(mirror.target, "mirror/${image.repository}", "blobs/${blob.digest}")
      assert copy.status == 200
      assert copy.sha256 == blob.digest
    }
  }
}
assert !mirror.log.contains('Mirror-Push-s3cret')
assert mirror.last.contains('BUILD SUCCESS')
// for build 5: what the target has been written so far
new File(basedir, 'target/writes-after-copy.txt').text = mirror.writes().size()
return true
