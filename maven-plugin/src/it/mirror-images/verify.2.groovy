// build 2: the dry run plans both copies and writes nothing
def mirror = evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)
def quote = { String s -> java.util.regex.Pattern.quote(s) }
mirror.seeded.each { image ->
  assert mirror.last =~ /\[INFO\] ${quote("${mirror.source.REGISTRY_HOST}/${image.repository}:${image.tag}")} +${quote("${mirror.target.REGISTRY_HOST}/mirror/${image.repository}:${image.tag}")} +to copy +${quote(image.digest.substring(0, 19))}/
}
assert mirror.last =~ /\[INFO\] plan: 2 to copy \(\d+ manifests, [0-9.]+ k?B of blobs at most\), 0 present, 0 cannot be copied/
assert mirror.mirrored()*.status == [404, 404]
assert mirror.writes().isEmpty()
assert mirror.last.contains('BUILD SUCCESS')
return true
