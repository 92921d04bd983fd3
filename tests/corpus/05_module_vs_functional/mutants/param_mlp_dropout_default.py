# mistake: F.dropout(h, self.p) without training=self.training keeps dropping after eval()
# targets: test_param_mlp
# %% param_mlp
class ParamMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.p = p
        self.w1 = nn.Parameter(torch.randn(hidden, in_features) * 0.1)
        self.b1 = nn.Parameter(torch.zeros(hidden))
        self.w2 = nn.Parameter(torch.randn(out_features, hidden) * 0.1)
        self.b2 = nn.Parameter(torch.zeros(out_features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.dropout(F.relu(F.linear(x, self.w1, self.b1)), self.p)
        return F.linear(h, self.w2, self.b2)
