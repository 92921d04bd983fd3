# why: an nn.Dropout child (no parameters) also follows train()/eval(); x @ w.T + b is F.linear
# %% param_mlp
class ParamMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.w1 = nn.Parameter(0.1 * torch.randn(hidden, in_features))
        self.b1 = nn.Parameter(torch.zeros(hidden))
        self.w2 = nn.Parameter(0.1 * torch.randn(out_features, hidden))
        self.b2 = nn.Parameter(torch.zeros(out_features))
        self.drop = nn.Dropout(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.drop(F.relu(x @ self.w1.T + self.b1)) @ self.w2.T + self.b2
