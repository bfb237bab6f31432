"""`promocase serve`: the local web UI on 127.0.0.1 with a one-time access token."""

from __future__ import annotations

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def bind_socket(host: str, port: int) -> object:
    """A listening socket on host:port (port 0 = a free one), bound before the URL is printed."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(
            f"Cannot listen on {host}:{port}: {exc.strerror}.\n"
            "  Another program may use that port; leave out --port to pick a free one."
        ) from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option("--no-browser", is_flag=True, help="Print the URL but do not open a browser.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback exposes your data to the network.",
)
@click.pass_context
def serve(ctx: click.Context, port: int, no_browser: bool, host: str) -> None:
    """Open the web UI: dashboard, evidence, ladder and more, in your browser.

    It listens on 127.0.0.1 only and prints a private link with an access token; open that link
    to sign in. Stop it with Ctrl+C.

    \b
    Examples:
      promocase serve
      promocase serve --port 8765 --no-browser
    """
    import uvicorn

    from promocase.cli.output import ws
    from promocase.web.app import create_app
    from promocase.web.security import Secrets

    workspace = ws(ctx)
    workspace.conn  # noqa: B018 - open and migrate now, so a broken workspace fails before serving
    bare = host.strip("[]").lower()
    extra_hosts: frozenset[str] = frozenset()
    if bare not in LOOPBACK:
        click.echo(
            f"Warning: listening on {host} makes your promocase data reachable from other "
            "machines that can connect to it. Use the default (127.0.0.1) unless you mean it.",
            err=True,
        )
        extra_hosts = frozenset({url_host(bare)})
    sock = bind_socket(bare, port)
    actual_port = sock.getsockname()[1]  # type: ignore[attr-defined]
    secrets_ = Secrets()
    app = create_app(workspace.home, secrets_=secrets_, extra_hosts=extra_hosts)
    shown = "127.0.0.1" if bare in ("127.0.0.1", "localhost") else url_host(bare)
    url = f"http://{shown}:{actual_port}/?token={secrets_.token}"
    click.echo(f"promocase is running at {url}", color=False)
    if not no_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    server.run(sockets=[sock])  # type: ignore[list-item]
