"""A small counting proxy: the browser talks to it as if it were the server, and it logs every
request that crosses the wire (the service worker's included) with its bytes, headers and
bodies both ways. Counting here, not in the page, is the honest count."""
import asyncio
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Request:
    at: float  # time.time() when its first bytes arrived
    method: str
    path: str
    sent: int  # request line, headers and body
    received: int = 0  # the response bytes that followed it on its connection


@dataclass
class Wire:
    upstream_port: int
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> "Wire":
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)
        return self

    def _run(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        server = self._loop.run_until_complete(asyncio.start_server(self._connection, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def since(self, moment: float) -> list[Request]:
        return [r for r in self.requests if r.at >= moment]

    def between(self, start: float, end: float) -> list[Request]:
        return [r for r in self.requests if start <= r.at < end]

    def quiet_for(self, seconds: float, longest: float = 60) -> None:
        """Wait until nothing crossed the wire for `seconds` (background work has finished)."""
        deadline = time.time() + longest
        while time.time() < deadline:
            last = max((r.at for r in self.requests), default=0)
            if time.time() - last >= seconds:
                return
            time.sleep(0.1)

    async def _connection(self, client_reader, client_writer) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_writer.close()
            return
        on_connection: list[Request] = []
        await asyncio.gather(self._requests(client_reader, server_writer, on_connection),
                             self._responses(server_reader, client_writer, on_connection),
                             return_exceptions=True)

    async def _requests(self, reader, writer, on_connection: list[Request]) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip() or 0)
                body = await reader.readexactly(length) if length else b""
                method, path = head.split(b" ", 2)[:2]
                request = Request(time.time(), method.decode(), path.decode(), len(head) + len(body))
                self.requests.append(request)
                on_connection.append(request)
                writer.write(head + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def _responses(self, reader, writer, on_connection: list[Request]) -> None:
        try:
            while chunk := await reader.read(65536):
                if on_connection:
                    on_connection[-1].received += len(chunk)
                writer.write(chunk)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()
