#!/usr/bin/python3
# The PyTorch snippet of docs/FORMATS.md ("One file from PyTorch"), run to make the committed
# fixture tests/fixtures/npz/conv2d.npz: /usr/bin/python3 scripts/torch-npz-example.py
# It must stay the documented snippet line for line, apart from the output path.
import json, numpy as np, torch, torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(1, 3, 32, 32, dtype=torch.float64, requires_grad=True)
w = torch.randn(4, 3, 3, 3, dtype=torch.float64, requires_grad=True)
settings = dict(padding=1, stride=1, dilation=1)
y = F.conv2d(x, w, **settings)
grad = torch.randn_like(y)
y.backward(grad)
np.savez("tests/fixtures/npz/conv2d.npz", x=x.detach().numpy(), w=w.detach().numpy(), grad=grad.numpy(),
         dx=x.grad.numpy(), dw=w.grad.numpy(), settings=json.dumps(settings))
