// A hostile registry on a loopback port: it asks for credentials, then answers with errors whose
// bodies quote the Authorization header it got, raw, decoded and URL-encoded (as a debug page or a
// web application firewall would). Basic: /v2/ challenges with Basic, everything else is a 500.
// Bearer: /v2/ names as the realm /token on a second loopback port (plain HTTP on its own port,
// as a real token issuer), which answers 401.
import com.sun.net.httpserver.HttpServer
import java.nio.charset.StandardCharsets

def quote = { String auth ->
  if (auth == null) {
    return 'no Authorization'
  }
  def decoded = auth.startsWith('Basic ')
      ? new String(auth.substring(6).trim().decodeBase64(), StandardCharsets.UTF_8) : auth
  "Authorization: ${auth} (that is ${decoded}, ${URLEncoder.encode(decoded, 'UTF-8')})".toString()
}

def send = { exchange, int status, String body ->
  byte[] bytes = body.getBytes(StandardCharsets.UTF_8)
  exchange.responseHeaders.add('Content-Type', 'application/json')
  exchange.sendResponseHeaders(status, bytes.length)
  exchange.responseBody.write(bytes)
  exchange.close()
}

[
  start: { boolean bearer ->
    def loopback = { HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0) }
    def server = loopback()
    def realm = bearer ? loopback() : null
    def host = "127.0.0.1:${server.address.port}".toString()
    def realmHost = realm == null ? null : "127.0.0.1:${realm.address.port}".toString()
    def received = Collections.synchronizedList([])
    def record = { exchange ->
      def auth = exchange.requestHeaders.getFirst('Authorization')
      if (auth != null) {
        received << (auth.startsWith('Basic ')
            ? new String(auth.substring(6).trim().decodeBase64(), StandardCharsets.UTF_8) : auth)
      }
      auth
    }
    server.createContext('/') { exchange ->
      def auth = record(exchange)
      def path = exchange.requestURI.path
      if (path == '/v2/' && auth == null) {
        exchange.responseHeaders.add('WWW-Authenticate', bearer
            ? "Bearer realm=\"http://${realmHost}/token\",service=\"echo\"".toString()
            : 'Basic realm="echo"')
        send(exchange, 401, '{"errors":[{"code":"UNAUTHORIZED"}]}')
      } else {
        exchange.responseHeaders.add('Retry-After', '0')
        def message = quote(auth).replace('\\', '\\\\').replace('"', '\\"')
        send(exchange, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"request had ${message}\"}]}".toString())
      }
    }
    server.start()
    if (realm != null) {
      realm.createContext('/') { exchange ->
        send(exchange, 401, "token refused: ${quote(record(exchange))}".toString())
      }
      realm.start()
    }
    [host: host, realmHost: realmHost, received: received,
     stop: { server.stop(0); realm?.stop(0) }]
  },
]
