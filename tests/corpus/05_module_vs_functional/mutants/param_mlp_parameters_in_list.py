# mistake: keeps the nn.Parameters in a plain Python list, which nn.Module does not look into
# targets: test_param_mlp
# %% param_mlp
class ParamMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.p = p
        self.params = [nn.Parameter(torch.randn(hidden, in_features) * 0.1), nn.Parameter(torch.zeros(hidden)),
                       nn.Parameter(torch.randn(out_features, hidden) * 0.1), nn.Parameter(torch.zeros(out_features))]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        w1, b1, w2, b2 = self.params
        h = F.dropout(F.relu(F.linear(x, w1, b1)), self.p, training=self.training)
        return F.linear(h, w2, b2)
