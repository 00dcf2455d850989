"""The PP-OCR models rewritten for CPU throughput, exactly equal in what they compute.

The ONNX files in the ``rapidocr-onnxruntime`` wheel were exported from Paddle operator by operator: every
hard-swish is four element-wise passes over the feature map (add 3, clip to 0..6, multiply, divide by 6) and
every convolution of the PP-LCNetV3 backbone is followed by a learnable scale and shift (a multiply and an
add by a scalar), and so is every activation.  On a small CPU those passes over large feature maps cost as
much as the convolutions themselves.  :func:`fuse_model` rewrites the graph:

* a scale and shift after a convolution goes into the convolution's weights and bias;
* ``x * clip(x + 3, 0, 6) / 6`` becomes one ``HardSwish`` (opset 14);
* a scale and shift in front of an unpadded convolution (the 1 x 1 ones) goes into its weights and bias.

The weights are the wheel's own: the rewritten models are made from them on first use into the user's cache
directory (nothing is downloaded, the package ships no second copy of the weights) and checked against the
originals on a probe input before use (:func:`fused_path`); when ``onnx`` is missing or anything fails, the
original models are used.
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Optional

_log = logging.getLogger(__name__)

FUSE_FORMAT = 1        # bump when the rewrite changes: the cached models are made again
PROBE_TOLERANCE = 1e-3  # the largest difference of a fused model's output from the original's on the probe


HARDSWISH_OPSET = 14   # the first opset with the HardSwish operator


def _opset(m) -> int:
    return max((op.version for op in m.opset_import if op.domain in ("", "ai.onnx")), default=0)


def _consts(g, numpy_helper) -> dict:
    out = {}
    for n in g.node:
        if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
            out[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    for i in g.initializer:
        out[i.name] = numpy_helper.to_array(i)
    return out


def fuse_model(src: Path, dst: Path) -> dict:
    """Rewrite the ONNX model ``src`` into ``dst`` (see the module's doc); the counts of each rewrite."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper, version_converter

    m = onnx.load(str(src))
    g = m.graph
    consts = _consts(g, numpy_helper)
    outputs = {o.name for o in g.output}
    counts = {"conv_affine": 0, "hardswish": 0, "affine_conv": 0}
    nodes = []                 # the graph's nodes as standalone messages, put back at the end
    for n in g.node:
        c = onnx.NodeProto()
        c.CopyFrom(n)
        nodes.append(c)
    del g.node[:]

    def consumers() -> dict:
        use: dict = {}
        for n in nodes:
            for i in n.input:
                use.setdefault(i, []).append(n)
        return use

    def scalar(name) -> Optional[float]:
        v = consts.get(name)
        if v is None or v.size != 1:
            return None
        return float(v.reshape(-1)[0])

    def other(node, name):
        a, b = node.input
        return b if a == name else a if b == name else None

    def attr(node, key, default=None):
        for a in node.attribute:
            if a.name == key:
                return helper.get_attribute_value(a)
        return default

    serial = [0]

    def set_weight(conv, x, w, b):
        """``conv`` reads ``x`` with the weights ``w`` and the bias ``b`` (new initializers)."""
        serial[0] += 1
        wname, bname = f"fused_w_{serial[0]}", f"fused_b_{serial[0]}"
        g.initializer.extend([numpy_helper.from_array(w.astype(np.float32), wname),
                              numpy_helper.from_array(b.astype(np.float32), bname)])
        consts[wname], consts[bname] = w, b
        del conv.input[:]
        conv.input.extend([x, wname, bname])

    removed: set = set()       # ids of removed nodes
    graveyard: list = []       # ... kept alive, so that no new node gets one of their ids

    def drop(node, keep_output_of):
        """Remove ``node`` (one input from the kept tensor, one output): its consumers read ``keep``."""
        removed.add(id(node))
        graveyard.append(node)
        for n in nodes:
            for k, i in enumerate(n.input):
                if i == node.output[0]:
                    n.input[k] = keep_output_of
        for o in g.output:
            if o.name == node.output[0]:
                o.name = keep_output_of

    changed = True
    while changed:
        changed = False
        use = consumers()
        for conv in list(nodes):
            if id(conv) in removed or conv.op_type != "Conv" or len(conv.input) < 2 or conv.input[1] not in consts:
                continue
            out = conv.output[0]
            nxt = use.get(out, [])
            if len(nxt) != 1 or out in outputs or nxt[0].op_type not in ("Mul", "Add"):
                continue
            op = nxt[0]
            c = other(op, out)
            s = scalar(c) if c is not None else None
            if s is None:
                continue
            w = consts[conv.input[1]].astype(np.float64)
            b = consts[conv.input[2]].astype(np.float64) if len(conv.input) > 2 and conv.input[2] else np.zeros(w.shape[0])
            if op.op_type == "Mul":
                w, b = w * s, b * s
            else:
                b = b + s
            set_weight(conv, conv.input[0], w, b)
            drop(op, out)
            counts["conv_affine"] += 1
            changed = True
            break
        if changed:
            nodes[:] = [n for n in nodes if id(n) not in removed]
            continue
        # x * clip(x + 3, 0, 6) / 6  ->  HardSwish(x)
        for add in list(nodes):
            if add.op_type != "Add" or len(add.input) != 2:
                continue
            x = next((i for i in add.input if i not in consts), None)
            k = other(add, x) if x is not None else None
            if k is None or scalar(k) != 3.0:
                continue
            n1 = use.get(add.output[0], [])
            if len(n1) != 1 or n1[0].op_type != "Clip":
                continue
            clip = n1[0]
            lo = scalar(clip.input[1]) if len(clip.input) > 1 else attr(clip, "min")
            hi = scalar(clip.input[2]) if len(clip.input) > 2 else attr(clip, "max")
            if lo != 0.0 or hi != 6.0:
                continue
            n2 = use.get(clip.output[0], [])
            if len(n2) != 1 or n2[0].op_type != "Mul" or set(n2[0].input) != {x, clip.output[0]}:
                continue
            mul = n2[0]
            n3 = use.get(mul.output[0], [])
            if len(n3) != 1 or n3[0].op_type != "Div" or n3[0].input[0] != mul.output[0] or scalar(n3[0].input[1]) != 6.0:
                continue
            div = n3[0]
            hs = helper.make_node("HardSwish", [x], [div.output[0]], name=div.output[0] + ".hardswish")
            removed.update({id(add), id(clip), id(mul), id(div)})
            graveyard.extend([add, clip, mul, div])
            nodes[:] = [hs if n is div else n for n in nodes if id(n) not in removed or n is div]
            counts["hardswish"] += 1
            changed = True
            break
        if changed:
            continue
        # y = x * s (+ t) feeding only unpadded convolutions: into their weights and biases
        for mul in list(nodes):
            if mul.op_type != "Mul" or len(mul.input) != 2:
                continue
            x = next((i for i in mul.input if i not in consts), None)
            s = scalar(other(mul, x)) if x is not None else None
            if s is None:
                continue
            after = use.get(mul.output[0], [])
            t, last = 0.0, mul
            if len(after) == 1 and after[0].op_type == "Add" and other(after[0], mul.output[0]) is not None \
                    and scalar(other(after[0], mul.output[0])) is not None:
                t, last = scalar(other(after[0], mul.output[0])), after[0]
                after = use.get(last.output[0], [])
            if not after or last.output[0] in outputs or any(
                    n.op_type != "Conv" or n.input[0] != last.output[0] or n.input[1] not in consts
                    or any(attr(n, "pads", [0]) ) or attr(n, "auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET", b"VALID", "VALID")
                    for n in after):
                continue
            for conv in after:
                w = consts[conv.input[1]].astype(np.float64)
                b = consts[conv.input[2]].astype(np.float64) if len(conv.input) > 2 and conv.input[2] else np.zeros(w.shape[0])
                b = b + t * w.reshape(w.shape[0], -1).sum(axis=1)
                set_weight(conv, x, w * s, b)
            removed.update({id(mul), id(last)})
            graveyard.extend([mul, last])
            nodes[:] = [n for n in nodes if id(n) not in removed]
            counts["affine_conv"] += 1
            changed = True
            break
    used = {i for n in nodes for i in n.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes[:] = [n for n in nodes if not (n.op_type == "Constant" and n.output[0] not in used)]
    g.node.extend(nodes)
    if counts["hardswish"]:
        # HardSwish is an operator of opset 14: the rest of the graph is converted to it
        hard = [n for n in g.node if n.op_type == "HardSwish"]
        for n in hard:
            n.op_type = "HardSigmoid"       # a placeholder of the same signature while converting
        m = version_converter.convert_version(m, HARDSWISH_OPSET) if _opset(m) < HARDSWISH_OPSET else m
        g = m.graph
        for n in g.node:
            if n.name.endswith(".hardswish"):
                n.op_type = "HardSwish"
    onnx.checker.check_model(m)
    tmp = dst.with_suffix(f".{os.getpid()}.tmp")
    onnx.save(m, str(tmp))
    os.replace(tmp, dst)
    return counts


def models_dir() -> Path:
    """Where the rewritten models are kept: ``$BULLETIN_CACHE/models`` or ~/.cache/bulletin_pipeline/models."""
    base = os.environ.get("BULLETIN_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "bulletin_pipeline")
    return Path(base) / "models"


def _probe_shape(session) -> list[int]:
    """A small input of the model's shape (free dimensions filled in)."""
    shape = session.get_inputs()[0].shape
    free = [1, 3, 64, 256]
    return [d if isinstance(d, int) and d > 0 else free[k] for k, d in enumerate(shape)]


def same_output(src: Path, dst: Path, tolerance: float = PROBE_TOLERANCE) -> bool:
    """Do the two models give the same output (within ``tolerance``) on a random probe input?"""
    import numpy as np
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.log_severity_level = 4
    a = ort.InferenceSession(str(src), opts, providers=["CPUExecutionProvider"])
    b = ort.InferenceSession(str(dst), opts, providers=["CPUExecutionProvider"])
    x = np.random.default_rng(0).uniform(-1, 1, _probe_shape(a)).astype(np.float32)
    ya = a.run(None, {a.get_inputs()[0].name: x})[0]
    yb = b.run(None, {b.get_inputs()[0].name: x})[0]
    return ya.shape == yb.shape and float(np.abs(ya - yb).max()) <= tolerance


def fused_path(src: Path, directory: Optional[Path] = None) -> Path:
    """The rewritten model of ``src`` (made and checked once, then kept in ``directory``), or ``src`` itself
    when it cannot be made here (no ``onnx`` package, a read-only cache, a model of another shape)."""
    src = Path(src)
    directory = Path(directory) if directory else models_dir()
    try:
        digest = hashlib.sha256(src.read_bytes()).hexdigest()[:16]
    except OSError as e:
        _log.debug("model not read for rewriting: %s", e)
        return src
    dst = directory / f"{src.stem}-{digest}-fused{FUSE_FORMAT}.onnx"
    if dst.exists():
        return dst
    try:
        import onnx  # noqa: F401
    except ImportError:
        _log.info("onnx is not installed: the OCR models run as shipped, slower (pip install onnx)")
        return src
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f"{dst.stem}.{os.getpid()}.check.onnx"
        counts = fuse_model(src, tmp)
        if not same_output(src, tmp):
            tmp.unlink(missing_ok=True)
            _log.warning("the rewritten %s differs from the original: the original is used", src.name)
            return src
        os.replace(tmp, dst)
        _log.debug("rewrote %s: %s", src.name, counts)
        return dst
    except Exception as e:     # onnx raises its own checker and conversion errors; any of them: keep the original
        _log.warning("OCR model %s not rewritten (%s: %s): the original is used", src.name, type(e).__name__, e)
        return src
