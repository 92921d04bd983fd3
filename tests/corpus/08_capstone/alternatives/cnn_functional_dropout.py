# why: F.dropout with training=self.training, F.max_pool2d, x.view for flattening, a hidden linear layer
# %% digits_cnn
class DigitsCNN(nn.Module):
    def __init__(self, dropout: float = 0.25) -> None:
        super().__init__()
        self.c1 = nn.Conv2d(1, 12, 5, padding=2)
        self.c2 = nn.Conv2d(12, 24, 3, padding=1)
        self.fc = nn.Linear(24 * 7 * 7, 32)
        self.out = nn.Linear(32, 10)
        self.p = dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        x = F.relu(self.fc(x.view(x.size(0), -1)))
        return self.out(F.dropout(x, self.p, training=self.training))
