# mistake: stores the weights as (in, out) and multiplies x @ w, unlike the nn.Linear convention asked for
# targets: test_param_mlp
# %% param_mlp
class ParamMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.p = p
        self.w1 = nn.Parameter(torch.randn(in_features, hidden) * 0.1)
        self.b1 = nn.Parameter(torch.zeros(hidden))
        self.w2 = nn.Parameter(torch.randn(hidden, out_features) * 0.1)
        self.b2 = nn.Parameter(torch.zeros(out_features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.dropout(F.relu(x @ self.w1 + self.b1), self.p, training=self.training)
        return h @ self.w2 + self.b2
