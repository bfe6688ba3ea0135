// build 3: a login that may only pull: the copies fail, and the failure names both and what to do
def mirror = evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)
def failure = mirror.last.find(/\[ERROR\] Failed to execute goal .*/)
assert failure != null
assert failure.contains('2 of 2 images were not mirrored: ')
mirror.seeded.each { image ->
  def pair = "${mirror.source.REGISTRY_HOST}/${image.repository}:${image.tag} ->" +
      " ${mirror.target.REGISTRY_HOST}/mirror/${image.repository}:${image.tag} (failed: "
  assert failure.contains(pair)
  assert mirror.last.contains("[ERROR] ${pair.replace(' (failed: ', ': failed: ')}")
}
assert failure.contains('a target needs a login with push rights: serverId')
assert failure.contains('run mvn katafraktos:mirror-images again')
assert mirror.mirrored()*.status == [404, 404]
assert !mirror.log.contains('Pull-Only-s3cret')
assert mirror.last.contains('BUILD FAILURE')
return true
