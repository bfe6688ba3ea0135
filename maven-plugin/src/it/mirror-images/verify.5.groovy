// build 5: the second run finds both at the target and writes nothing
def mirror = evaluate(new File(basedir, 'mirror.groovy'))(basedir, itSources)
assert mirror.last =~ /\[INFO\] 2 present; 0 B sent, 0 blobs mounted/
assert !(mirror.last =~ /\] copied /)
assert mirror.writes().size() == new File(basedir, 'target/writes-after-copy.txt').text as int
assert mirror.mirrored()*.digest == mirror.seeded*.digest
assert mirror.last.contains('BUILD SUCCESS')
return true
