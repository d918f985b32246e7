"""The ``mapper`` command line: argument parsing that calls the library, nothing more."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from mapper import __version__
from mapper.errors import MapperError

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_FAILED, EXIT_PARTIAL = 0, 1, 2

_MAP_EPILOG = """\
examples:
  mapper map examples/articles --out outputs/
      every .txt article in the folder -> outputs/map.html, incidents.geojson, ...
  mapper map feed.jsonl --out today/ --format geojson,csv --image none
      one article per JSON line (id, text, title, published, source, url)
  mapper map reports/ --out report/ --themes my_themes.toml --embed
      your own map layers, plus an HTML fragment to paste into a web page

exit status: 0 all input mapped; 2 some input skipped or kept with a change (each named
on stderr, results written); 1 nothing could be produced.
"""

_DESCRIPTION = """\
Map incidents of armed conflict in Iraq from news text, offline.

Place names are resolved against the bundled Iraq gazetteer; the same event reported
by several outlets becomes one incident with every source kept. Outputs open in a
browser (map.html, with no network needed), in QGIS (GeoJSON, GeoPackage, KML) and in
spreadsheets (CSV with ACLED's column names).
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``mapper`` command."""
    parser = argparse.ArgumentParser(
        prog="mapper",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'mapper COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"mapper {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser(
        "map",
        help="read articles, write the map and GIS files",
        description="Read news articles and write the incident map and GIS exports.",
        epilog=_MAP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt article (first line = headline), a folder of them, or a .jsonl file",
    )
    run.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    run.add_argument(
        "--format",
        default="geojson,gpkg,csv",
        metavar="LIST",
        help="GIS files to write, comma-separated from geojson,gpkg,csv,kml "
        "(default: %(default)s; incidents.geojson is always written)",
    )
    run.add_argument(
        "--image",
        default="png,svg",
        metavar="LIST",
        help="static map for reports: png, svg, both comma-separated, or 'none' "
        "(default: %(default)s)",
    )
    run.add_argument(
        "--themes", metavar="FILE", help="TOML file of map layers (default: the built-in themes)"
    )
    run.add_argument(
        "--cdn",
        action="store_true",
        help="link Leaflet and plugins from public CDNs instead of inlining them "
        "(smaller file, needs a network to open)",
    )
    run.add_argument(
        "--embed", action="store_true", help="also write map_embed.html, a fragment for web pages"
    )
    run.add_argument("--title", help="title shown on the map")
    run.add_argument(
        "--no-merge",
        action="store_true",
        help="one incident per article mention: do not merge reports of the same event",
    )
    run.add_argument(
        "--strict", action="store_true", help="stop at the first bad input instead of skipping it"
    )
    run.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="run extraction in this process, or over Dask partitions (needs the 'dask' extra)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: address of a running Dask scheduler, or 'processes', "
        "'threads', 'synchronous' for Dask's local schedulers (default: Dask's processes "
        "scheduler, one worker process per core)",
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")

    ev = commands.add_parser(
        "eval",
        help="score the extractor against ACLED-coded events",
        description="Run every `notes` text of an ACLED-format CSV through the pipeline "
        "(merge off) and score location, fatalities, event type and date against the coding.",
    )
    ev.add_argument("gold", metavar="GOLD.csv", help="ACLED-format CSV with notes and codes")
    ev.add_argument("--limit", type=int, help="score only the first N rows")
    ev.add_argument("--report", metavar="FILE", help="also write the Markdown report here")

    gaz = commands.add_parser(
        "gazetteer",
        help="look up or extend the bundled Iraq gazetteer",
        description="Look up spellings in the bundled Iraq gazetteer, or extend it.",
    )
    gaz_commands = gaz.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    search = gaz_commands.add_parser(
        "search", help="show the places a name may stand for, best first"
    )
    search.add_argument("name", help="a place name in any common spelling or Arabic script")
    search.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    imp = gaz_commands.add_parser(
        "import-geonames",
        help="add a GeoNames country dump (IQ.txt) to your local gazetteer cache",
    )
    imp.add_argument("dump", metavar="IQ.txt", help="GeoNames country file you downloaded")
    return parser


def _split(value: str) -> list[str]:
    return [v.strip().lower() for v in value.split(",") if v.strip()]


def _say(quiet: bool, message: str) -> None:
    if not quiet:
        print(message, file=sys.stderr)


def _cmd_map(args: argparse.Namespace) -> int:
    from mapper import export, image, render
    from mapper.front import front_lines
    from mapper.incidents import to_geodataframe
    from mapper.ingest import Skipped
    from mapper.layers import default_themes, load_themes
    from mapper.pipeline import run

    formats = _split(args.format)
    unknown = sorted(set(formats) - set(export.FORMATS))
    if unknown:
        raise MapperError(
            f"unknown --format {', '.join(unknown)}; choose from {','.join(export.FORMATS)}"
        )
    if "geojson" not in formats:
        formats.insert(0, "geojson")
    images = [] if args.image.strip().lower() == "none" else _split(args.image)
    bad_images = sorted(set(images) - {"png", "svg"})
    if bad_images:
        raise MapperError(f"unknown --image {', '.join(bad_images)}; use png, svg or none")
    themes = load_themes(args.themes) if args.themes else default_themes()

    def report(item: Skipped) -> None:
        reason = item.reason
        where = item.path
        if item.line is not None:
            where = f"{item.path}:{item.line}"
            reason = reason.removeprefix(f"line {item.line}: ")
        what = "kept" if item.kept else "skipped"
        print(f"mapper: {what} {where}: {reason}", file=sys.stderr)

    started = time.perf_counter()
    if args.engine == "dask":
        from mapper.parallel import run_dask

        incidents, stats = run_dask(
            args.inputs,
            merge=not args.no_merge,
            themes=themes,
            strict=args.strict,
            on_skip=report,
            scheduler=args.scheduler,
            progress=False if args.quiet else None,
        )
    else:
        incidents, stats = run(
            args.inputs,
            merge=not args.no_merge,
            themes=themes,
            strict=args.strict,
            on_skip=report,
            progress=None if not args.quiet else False,
        )
    if stats.articles == 0:
        print(
            "mapper: no readable article in the input; nothing written "
            "(give .txt files, folders of them, or .jsonl with 'id' and 'text')",
            file=sys.stderr,
        )
        return EXIT_FAILED
    gdf = to_geodataframe(incidents)
    del incidents  # the frame has every column: free the records before the outputs
    out = Path(args.out)
    gc.collect()
    gc.freeze()  # the frame lives through every writer: spare it the collector's rescans
    try:
        front = front_lines(gdf)
        embed = out / "map_embed.html" if args.embed else None
        written = [
            render.write_map(
                gdf,
                out / "map.html",
                themes=themes,
                offline=not args.cdn,
                title=args.title,
                embed_path=embed,  # the map is built once for both files
            )
        ]
        if embed is not None:
            written.append(embed)
        written += export.export(gdf, out, formats=formats, front=front)
        written += image.write_images(
            gdf, [out / f"map.{suffix}" for suffix in images], themes=themes, title=args.title
        )
    finally:
        gc.unfreeze()
    elapsed = time.perf_counter() - started
    skipped = sum(not item.kept for item in stats.skipped)
    changed = len(stats.skipped) - skipped
    _say(
        args.quiet,
        f"mapper: {stats.articles} article(s) read, {skipped} skipped, "
        + (f"{changed} kept with a change, " if changed else "")
        + f"{stats.mentions} event mention(s), {stats.incidents} incident(s) "
        f"in {elapsed:.1f} s",
    )
    for path in written:
        _say(args.quiet, f"  wrote {path}")
    _say(args.quiet, f"open the map: {(out / 'map.html').resolve().as_uri()}")
    return EXIT_PARTIAL if stats.skipped else EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from mapper._atomic import atomic_write_text
    from mapper.evaluate import evaluate

    result = evaluate(args.gold, limit=args.limit)
    text = result.to_markdown()
    print(text)
    if args.report:
        atomic_write_text(args.report, text)
    return EXIT_OK


def _cmd_gazetteer(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from mapper import gazetteer

    if args.gazetteer_command == "search":
        found = gazetteer.search(args.name, limit=args.limit)
        if not found:
            print(f"no place in the gazetteer matches {args.name!r}", file=sys.stderr)
            return EXIT_FAILED
        for cand in found:
            p = cand.place
            where = ", ".join(x for x in (p.admin2, p.admin1) if x)
            print(
                f"{cand.score:.2f}  {p.name:<28} {p.feature_type:<12} "
                f"{p.lat:.4f}, {p.lon:.4f}  {where}  [{p.id}]"
            )
        return EXIT_OK
    if args.gazetteer_command == "import-geonames":
        added = gazetteer.import_geonames(args.dump)
        print(f"added {added} place(s) from {args.dump} to your local gazetteer cache")
        return EXIT_OK
    parser.parse_args(["gazetteer", "--help"])
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mapper`` command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "map":
            return _cmd_map(args)
        if args.command == "eval":
            return _cmd_eval(args)
        if args.command == "gazetteer":
            return _cmd_gazetteer(args, parser)
        parser.print_help()
        return EXIT_FAILED
    except MapperError as exc:
        print(f"mapper: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("mapper: interrupted; earlier outputs are left as they were", file=sys.stderr)
        return 130
