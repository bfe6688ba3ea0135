def log = new File(basedir, 'build.log').text
def line = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert line != null
assert line.endsWith(': Set kubeVersion or kubeVersions, not both: kubeVersions renders every' +
    ' release once per version of an upgrade -> [Help 1]')
return true
