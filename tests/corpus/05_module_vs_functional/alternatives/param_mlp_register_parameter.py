# why: register_parameter with nn.Linear-like uniform initialisation, and dropout inside an `if self.training` branch
# %% param_mlp
import math


class ParamMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.p = p
        for name, shape, fan_in in (("w1", (hidden, in_features), in_features), ("b1", (hidden,), in_features),
                                    ("w2", (out_features, hidden), hidden), ("b2", (out_features,), hidden)):
            bound = 1 / math.sqrt(fan_in)
            self.register_parameter(name, nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.relu(F.linear(x, self.w1, self.b1))
        if self.training:
            h = F.dropout(h, self.p)
        return F.linear(h, self.w2, self.b2)
